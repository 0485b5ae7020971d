/**
 * What the commands share: option declarations in code ({@code Specs}, {@code Jobs}), the tree
 * walk ({@code WspTree}), ordered parallel runs ({@code OrderedParallel}), the progress bar on a
 * terminal ({@code Progress}), names made safe for text output ({@code SafeText}), time
 * arguments ({@code TimeArgument}).
 */
package io.whisper.cli.support;
