"""mlcoach: an offline coach for ML, data-science and AI job interviews."""

__version__ = "0.1.0"
