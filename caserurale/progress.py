"""The progress bar of long management commands (imports, renditions)."""

BAR_WIDTH = 30


class ProgressBarMixin:
    """``self.progress(done, total)`` draws a bar on stderr: redrawn in place on a terminal, a line
    every 10 % otherwise (logs of cron jobs and CI stay short). ``progress_noun`` names what is counted."""

    progress_noun = "items"

    def progress(self, done, total):
        on_terminal = self.stderr.isatty()
        if not on_terminal and done != total and done % max(1, total // 10):
            return
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        ending = "\r" if on_terminal and done < total else "\n"
        self.stderr.write(f"  [{bar}] {done:>4}/{total} {self.progress_noun}", ending=ending)
        self.stderr.flush()
