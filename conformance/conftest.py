"""Settings every framework needs before it is first imported.

Keras runs on its TensorFlow backend; TensorFlow's C++ start-up messages are silenced (they are
not warnings and say nothing about results); JAX computes in float64 where asked (without this
flag it silently computes float64 input in float32).
"""

import os

os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
