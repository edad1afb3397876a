"""What the suite knows about the frameworks beyond the registry: where each keeps its activations,
and which of their exports are not activations (how their keywords name actlib's parameters is
actlib.frameworks.PARAMETER_NAMES).

Nothing here states a default or a name of any activation: those are the registry's, checked
against the installed frameworks. An export that is neither in the registry nor here makes the
exports test fail with a message that says what to add.
"""

from __future__ import annotations

# The frameworks' activation namespaces: where a "none" is looked for, under the activation's name, its
# aliases and ALSO_CALLED, ignoring case and underscores.
SEARCHED = {
    "pytorch": ("torch.nn.modules.activation", "torch.nn.functional"),
    "keras": ("keras.activations", "keras.layers"),
    "tensorflow": ("tf.nn", "tf.math"),
    "jax": ("jax.nn",),
}
# The namespaces whose every activation the registry must list. Two of them also hold everything else a
# network is made of (convolutions, pooling, losses); of those, the exports test lists the functions that
# map a float array of shape (2, 4), given alone, to one float array of the same rank: the shape of an
# activation (tf.nn.crelu doubles the last axis, a GLU halves it).
LISTED = {
    "pytorch": ("torch.nn.modules.activation", "torch.nn.functional"),
    "keras": ("keras.activations",),
    "tensorflow": ("tf.nn",),
    "jax": ("jax.nn",),
}
PROBED = ("torch.nn.functional", "tf.nn")
# Other names an activation goes by in some framework, searched before a "none" is believed.
ALSO_CALLED = {
    "binary_step": ("heaviside", "step"),
    "thresholded_relu": ("threshold",),
    "identity": ("linear",),
    "arctan": ("atan",),
    "silu": ("swish",),
    "hard_swish": ("hard_silu",),
    "hard_sigmoid": ("hardsigmoid",),
    "log_sigmoid": ("logsigmoid",),
    "gaussian": ("gauss", "rbf"),
    "swiglu": ("swish_glu",),
    "geglu": ("gelu_glu",),
    "reglu": ("relu_glu",),
}

# Exports of the activation namespaces that are not activations, or not one the registry needs to list.
NOT_ACTIVATIONS = {
    "pytorch": {
        "MultiheadAttention": "attention, a layer with weights that mixes positions",
        "Softmax2d": "softmax over the channel axis of an image batch: the registry's softmax with axis=-3",
        "gumbel_softmax": "draws a random sample (Gumbel noise), not a function of its input",
        "dropout": "random regularisation, not an activation",
        "alpha_dropout": "random regularisation, not an activation",
        "feature_alpha_dropout": "random regularisation, not an activation",
        "dropout1d": "random regularisation, not an activation",
        "dropout2d": "random regularisation, not an activation",
        "dropout3d": "random regularisation, not an activation",
        "normalize": "divides by a norm over an axis: normalisation, not an activation",
    },
    "keras": {
        "get": "looks an activation up by name",
        "serialize": "turns an activation into a config",
        "deserialize": "turns a config into an activation",
    },
    "tensorflow": {
        "l2_normalize": "divides by the L2 norm over an axis: normalisation, not an activation",
    },
    "jax": {
        "initializers": "a module of weight initialisers",
        "one_hot": "an encoding of integer labels",
        "standardize": "normalisation to zero mean and unit variance",
        "logsumexp": "a reduction, log Σ eˣ",
        "logmeanexp": "a reduction, log mean eˣ",
        "dot_product_attention": "attention over queries, keys and values",
        "scaled_matmul": "a matrix product with scales",
        "scaled_dot_general": "a general dot product with scales",
        "get_scaled_dot_general_config": "configuration for scaled_dot_general",
        "log1mexp": "log(1 − e⁻ˣ), defined only for x ≥ 0 (−∞ at 0): a helper for log-probabilities, which "
                    "the jax.nn documentation lists under its other functions, not among its activations",
    },
}
