"""
Tools for managing a federated Carbon cluster.
"""

__version_info__ = ('1', '1', '10')
__version__ = '.'.join(__version_info__)


class CarbonateException(Exception):
    pass
