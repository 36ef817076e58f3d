/**
 * What only the CUDA backend needs: device information and device-memory planning.
 * Empty until the GPU work lands; the module exists so the layout matches the design.
 */
package io.lae.cuda;
