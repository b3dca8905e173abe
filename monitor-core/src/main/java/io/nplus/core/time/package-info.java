/** Time: how durations are written in configs and flags, and (later) the injectable clock and scheduler. */
package io.nplus.core.time;
