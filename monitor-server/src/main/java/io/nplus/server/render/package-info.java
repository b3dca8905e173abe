/** How a device's health is shown: the stable JSON form and the human table, with readings in human units. */
package io.nplus.server.render;
