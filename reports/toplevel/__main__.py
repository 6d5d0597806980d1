"""``python -m adaproof``: the same command line as the ``adaproof`` console script."""

import sys

from adaproof.reports.cli import main

sys.exit(main())
