package io.lae.check;

/** The gradient-check contract for {@code nonuniform}. */
class NonUniformL2ContractTest extends LossContractTest {

    @Override
    String lossName() {
        return "nonuniform";
    }
}
