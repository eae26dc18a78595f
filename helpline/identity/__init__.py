"""Who is who: pseudonymous victims, staff with roles, sessions and their checks."""
