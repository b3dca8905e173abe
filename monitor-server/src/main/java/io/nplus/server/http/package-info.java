/** HTTP on Netty: /metrics, the JSON API, /-/healthy and /-/ready; HTTP/1.1 only, bounded, loopback by default. */
package io.nplus.server.http;
