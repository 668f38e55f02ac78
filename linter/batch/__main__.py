"""`python -m legislint.batch ...` is `legislint batch ...`."""

import sys

from legislint.batch import main

sys.exit(main())
