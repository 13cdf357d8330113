"""Foundation helpers used by every app; this package imports no app of the project."""
