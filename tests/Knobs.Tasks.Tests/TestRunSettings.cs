// Many tests here write a small executable (a fake app, a task script) and start it at once. Run in parallel, another
// test's fork can still hold the new file open for writing when it is executed (ETXTBSY, "Text file busy"), which
// fails the start at random. The tests run one class at a time instead.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
