package io.lae.check;

/** The gradient-check contract for {@code sum}. */
class SumL2ContractTest extends LossContractTest {

    @Override
    String lossName() {
        return "sum";
    }
}
