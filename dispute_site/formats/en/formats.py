"""English with the British formats of Django's en_GB (the site's LANGUAGE_CODE was
en-gb before it had three languages)."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
