"""Logging helpers named in settings.LOGGING."""

import logging


class WithoutTraceback(logging.Filter):
    """Keep the message, drop the traceback: for expected errors such as a bad Host
    header, which every scanner on the internet sends."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
