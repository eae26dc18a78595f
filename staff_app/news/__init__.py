"""Contenus › Articles et fiches, and Contenus › Flux partenaires."""
