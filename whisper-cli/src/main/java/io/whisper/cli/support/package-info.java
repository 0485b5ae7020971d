/**
 * What the commands share: option declarations in code ({@code Specs}), the options several
 * commands have ({@code SharedOptions}: -n, --json, --no-lock; {@code Jobs}: -j), the exit
 * statuses ({@code ExitCodes}), the tree walk ({@code WspTree}), ordered parallel runs
 * ({@code OrderedParallel}), the progress bar on a terminal ({@code Progress}), names made safe
 * for text output ({@code SafeText}), time arguments ({@code TimeArgument}), and iterators that
 * find their next element on demand ({@code LookAhead}).
 */
package io.whisper.cli.support;
