/** Network addresses as users write them. */
package io.nplus.core.net;
