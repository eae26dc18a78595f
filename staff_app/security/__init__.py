"""Two-factor sign-in for the signed-in staff member."""
