/**
 * Which ND4J backend lae runs on: what {@code --backend} asked for, checked against what the build
 * contains and what ND4J loaded, so a CUDA request never silently runs on the CPU.
 */
package io.lae.backend;
