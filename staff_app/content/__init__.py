"""« Contenus »: risk rules and ready answers, edited by supervisors."""
