/**
 * Python-compatible text conversions for the {@code whisper-*} drop-in tools: float {@code repr},
 * {@code %f} and {@code %g} formatting, {@code int()}/{@code float()} parsing, {@code repr()} of simple
 * values and {@code json.dumps}, each matching CPython 3 byte for byte.
 */
package io.whisper.cli.py;
