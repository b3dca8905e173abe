/** The shared vocabulary every module speaks: component kinds, health levels, and the component a profile produces. */
package io.nplus.mibs.vocab;
