"""The foundation: helpers every app may use. It imports no app of the portal."""
