package io.lae.check;

/** The gradient-check contract for {@code ordered}. */
class OrderedContractTest extends LossContractTest {

    @Override
    String lossName() {
        return "ordered";
    }
}
