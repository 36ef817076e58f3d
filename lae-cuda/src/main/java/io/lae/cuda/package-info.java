/**
 * lae's own GPU engine for CUDA 12 and 13 (docs/gpu.md): {@link io.lae.cuda.CudaDevice} opens a GPU
 * through the FFM bindings of {@link io.lae.cuda.bind}, {@link io.lae.cuda.DeviceStatisticsAccumulator}
 * forms Σ on it, {@link io.lae.cuda.DeviceTraining} runs full-batch steps of any loss given by its
 * {@link io.lae.loss.LossForm}, and {@link io.lae.cuda.CudaStepper} plugs that into lae-core's trainer.
 */
package io.lae.cuda;
