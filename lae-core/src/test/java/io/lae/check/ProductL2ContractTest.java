package io.lae.check;

/** The gradient-check contract for {@code product}. */
class ProductL2ContractTest extends LossContractTest {

    @Override
    String lossName() {
        return "product";
    }
}
