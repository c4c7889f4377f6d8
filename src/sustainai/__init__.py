"""SustainAI: the platform of the coalition for environmentally sustainable AI."""

__version__ = "0.1.0"
