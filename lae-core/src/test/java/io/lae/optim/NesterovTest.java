package io.lae.optim;

import java.util.List;

class NesterovTest extends OptimizerContractTest {

    @Override
    Optimizer create() {
        return new Momentum(0.9, true);
    }

    @Override
    Reference reference() {
        return Reference.momentum(0.9, true);
    }

    @Override
    List<String> slots() {
        return List.of("velocity");
    }
}
