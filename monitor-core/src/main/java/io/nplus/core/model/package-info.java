/** The model of a polled device: its snapshot, the components found, and what could not be read. */
package io.nplus.core.model;
