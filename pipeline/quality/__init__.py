"""What makes the tables trustworthy and readable: the validation suites' runner, its report, and
the data card and data package. Great Expectations is imported only inside validate.py."""
