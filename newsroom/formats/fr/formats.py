"""French dates: 30 novembre 2026, 30 novembre 2026 à 14:05."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y à H:i"
SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
