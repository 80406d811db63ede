using Infogerance.TestSupport;

[assembly: AssemblyFixture(typeof(TestInfrastructure))]
