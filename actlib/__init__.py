"""actlib: activation functions, their derivatives and properties, for the activation-functions book.

    import actlib
    actlib.sigmoid(x)              # values
    actlib.sigmoid.grad(x)         # derivative
    actlib.leaky_relu(x, alpha=0.2)
    actlib.get("swish") is actlib.silu
    actlib.names()                 # every activation
    actlib.explore("elu")          # curve, derivative and sliders
    actlib.explore_depth()         # variance and gradient through the layers of a random network

Plotting and widgets load only when a figure or an explorer is first asked for.
"""

from . import activations as _activations  # noqa: F401  (registers every activation)
from .core import (_ALIASES, _REGISTRY, SATURATION, Activation, Interval, Option, Param, Properties, VectorActivation, get,
                   names, saturated, saturating_sides)



def explore(names, /, **kwargs):
    """The interactive explorer of one or several activations; see :func:`actlib.explorer.explore`."""
    from .explorer import explore as _explore

    return _explore(names, **kwargs)


def explore_depth(*args, **kwargs):
    """The variance and the gradient through the layers of a random network, with σ_w and depth sliders; see
    :func:`actlib.depth_explorer.explore_depth`."""
    from .depth_explorer import explore_depth as _explore_depth

    return _explore_depth(*args, **kwargs)


globals().update(_REGISTRY)
globals().update({alias: _REGISTRY[name] for alias, name in _ALIASES.items()})

__all__ = ["SATURATION", "Activation", "Interval", "Option", "Param", "Properties", "VectorActivation", "explore", "explore_depth", "get",
           "names", "saturated", "saturating_sides",
           *_REGISTRY, *_ALIASES]
