"""Helpers shared by the tests."""


def sign_in_verified(client, user):
    """Sign ``client`` in as ``user``, as if they had just given their second-factor code.

    Coordinators and editors must pass the second factor before /admin/ or the extranet
    (extranet.middleware.SecondFactorMiddleware); this is the state they are in afterwards.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def database_writes(queries):
    """The INSERT, UPDATE and DELETE statements among captured ``queries``, except the session's:
    every request keeps it alive (SESSION_SAVE_EVERY_REQUEST), which signs an idle partner out."""
    writes = []
    for query in queries:
        verb = query["sql"].lstrip().split(" ", 1)[0].upper()
        if verb in {"INSERT", "UPDATE", "DELETE"} and '"django_session"' not in query["sql"]:
            writes.append(query["sql"])
    return writes
