"""Settings, by topic, read from the environment (`DJANGO_SETTINGS_MODULE=ccwg.settings`).

Each module below holds one topic; the environment variables each reads are declared in it
through `ccwg.settings.environment.env`, which checks them and records them for the README's
table (`make settings-table`). The test settings (`ccwg.settings_test`) and the bench's
(`bench/settings.py`) start from these.
"""

# In this order, not sorted: the README's table lists the variables as they are declared.
from ccwg.settings.base import *  # noqa: F403, I001
from ccwg.settings.security import *  # noqa: F403
from ccwg.settings.database import *  # noqa: F403
from ccwg.settings.cache import *  # noqa: F403
from ccwg.settings.api import *  # noqa: F403
from ccwg.settings.mail import *  # noqa: F403
from ccwg.settings.tasks import *  # noqa: F403
from ccwg.settings.reports import *  # noqa: F403
from ccwg.settings.log import *  # noqa: F403
