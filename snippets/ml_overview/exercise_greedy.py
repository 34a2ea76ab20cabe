from dlnotes.bandit import BernoulliBandit, EpsilonGreedy, run_bandit

probs = [0.3, 0.5, 0.7, 0.4, 0.2]
total_regret = {}
for epsilon in [0.0, 0.1]:
    total_regret[epsilon], found_best = 0.0, 0
    for seed in range(50):
        agent = EpsilonGreedy(5, epsilon=epsilon, seed=seed)
        bandit = BernoulliBandit(probs, seed=seed)
        run = run_bandit(bandit, agent, steps=1000)
        total_regret[epsilon] += sum(run.regret) / 50
        # Does it end up trusting arm 2, the best one?
        found_best += agent.values.index(max(agent.values)) == 2
    print(f"epsilon {epsilon}: total regret {total_regret[epsilon]:.1f}, "
          f"best arm found in {found_best} of 50 runs")
#> epsilon 0.0: total regret 240.1, best arm found in 13 of 50 runs
#> epsilon 0.1: total regret 57.8, best arm found in 49 of 50 runs
assert total_regret[0.1] < total_regret[0.0] / 2
