package io.lae.optim;

import java.util.List;

class SgdTest extends OptimizerContractTest {

    @Override
    Optimizer create() {
        return new Sgd();
    }

    @Override
    Reference reference() {
        return Reference.sgd();
    }

    @Override
    List<String> slots() {
        return List.of();
    }
}
