"""Logging: everything to the console (the process manager keeps it)."""

from ccwg.settings.environment import env

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.str(
            "DJANGO_LOG_LEVEL",
            default="WARNING",
            choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
            help="root log level",
        ),
    },
}
