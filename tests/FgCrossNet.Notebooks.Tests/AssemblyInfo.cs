// Notebook runs each start a kernel and may train a network: one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
