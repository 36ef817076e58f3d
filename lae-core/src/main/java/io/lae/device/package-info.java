/**
 * Where a run computes, described backend-neutrally from what ND4J and JavaCPP expose (device, memory,
 * versions), and the memory a run needs, checked against it before training starts.
 */
package io.lae.device;
