package io.lae.check;

/** The gradient-check contract for {@code nested-dropout}. */
class NestedDropoutContractTest extends LossContractTest {

    @Override
    String lossName() {
        return "nested-dropout";
    }
}
