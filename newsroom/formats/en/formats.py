"""English dates as a British newspaper writes them: 30 November 2026, 30 November 2026, 14:05."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
