"""The agenda of the Case Rurale and its network (events, recurrence, iCalendar). Being built: see issue 4."""
