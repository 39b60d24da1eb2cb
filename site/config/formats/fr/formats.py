"""French typography for times, « 09 h 19 » rather than Django's « 09:19 »: date
filters, forms and the admin all use these (FORMAT_MODULE_PATH)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = r"H \h i"
DATETIME_FORMAT = r"j F Y à H \h i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y H \h i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
