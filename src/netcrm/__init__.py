"""netcrm: a personal CRM that keeps a professional's network on their own machine."""

__version__ = "0.1.0"
