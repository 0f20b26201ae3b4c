"""Score a file or table on Spark with the triage model (an example for spark-submit).

    spark-submit --master local[2] examples/spark_submit_score.py reviews.parquet scored.parquet
    spark-submit --master yarn examples/spark_submit_score.py table:shop.reviews table:shop.reviews_scored \
        --model /shared/models/default

The executors need the `triage` package and its dependencies installed (or
shipped with --py-files / a packed virtualenv via --archives) and the model
folder at the same path. Options: see `python -m triage.spark --help`.
"""

import sys

from triage.spark import main

if __name__ == "__main__":
    sys.exit(main())
