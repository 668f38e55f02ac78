import sys

from legislint.cli import main

sys.exit(main())
