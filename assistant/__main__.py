"""`python -m assistant` runs the same CLI as the `ng234` script."""

import sys

from assistant.cli import main

sys.exit(main())
