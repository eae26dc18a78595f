"""Contenus › Quiz: supervisors edit, preview and publish the quiz."""
