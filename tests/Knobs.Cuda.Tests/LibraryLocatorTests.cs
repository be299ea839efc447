using System.Linq;
using Knobs.Cuda.Native;

namespace Knobs.Cuda.Tests;

public sealed class LibraryLocatorTests
{
    [Fact]
    public void ExplicitFolderWinsOverEverythingElse()
    {
        var probe = new FakeProbe().With("/opt/mine/libcudnn.so.9").With("/usr/local/cuda/lib64/libcudnn.so.9");
        probe.LoaderNames.Add("libcudnn.so.9");
        var (_, from) = new LibraryLocator(probe, "/opt/mine").Load(CudaLibrary.Cudnn);
        Assert.Equal("/opt/mine/libcudnn.so.9", from);
    }

    [Fact]
    public void EnvironmentFolderComesBeforeTheLoader()
    {
        var probe = new FakeProbe().With("/env/lib/libnvrtc.so.12");
        probe.Variables[LibraryLocator.DirectoryVariable] = "/env/lib";
        probe.LoaderNames.Add("libnvrtc.so.13");
        var (_, from) = new LibraryLocator(probe).Load(CudaLibrary.Nvrtc);
        Assert.Equal("/env/lib/libnvrtc.so.12", from);
    }

    [Fact]
    public void TheLoaderFindsLibrariesByNameBeforeToolkitFolders()
    {
        var probe = new FakeProbe().With("/usr/local/cuda/lib64/libcublas.so.13");
        probe.LoaderNames.Add("libcublas.so.13");
        var (_, from) = new LibraryLocator(probe).Load(CudaLibrary.Cublas);
        Assert.Equal("libcublas.so.13", from);
    }

    [Fact]
    public void NewerVersionNamesArePreferred()
    {
        var probe = new FakeProbe();
        probe.LoaderNames.Add("libnvrtc.so.12");
        probe.LoaderNames.Add("libnvrtc.so.13");
        Assert.Equal("libnvrtc.so.13", new LibraryLocator(probe).Load(CudaLibrary.Nvrtc).From);
    }

    [Fact]
    public void VersionedToolkitsAreSearchedNewestFirstIncludingTargetsFolders()
    {
        var probe = new FakeProbe()
            .With("/usr/local/cuda-12.4/lib64/libnvrtc.so.12")
            .With("/usr/local/cuda-13.0/targets/x86_64-linux/lib/libnvrtc.so.13");
        Assert.Equal("/usr/local/cuda-13.0/targets/x86_64-linux/lib/libnvrtc.so.13", new LibraryLocator(probe).Load(CudaLibrary.Nvrtc).From);
        string[] places = new LibraryLocator(probe).Places().Select(p => p.Folder ?? "").ToArray();
        Assert.True(System.Array.IndexOf(places, "/usr/local/cuda-13.0/lib64") < System.Array.IndexOf(places, "/usr/local/cuda-12.4/lib64"));
    }

    [Fact]
    public void PythonWheelsOfAVirtualEnvironmentAreFound()
    {
        var probe = new FakeProbe().With("/venv/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9");
        probe.Variables["VIRTUAL_ENV"] = "/venv";
        Assert.Equal("/venv/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9", new LibraryLocator(probe).Load(CudaLibrary.Cudnn).From);
    }

    [Fact]
    public void SystemPythonDistPackagesWheelsAreFound()
    {
        var probe = new FakeProbe().With("/usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib/libcublas.so.13");
        Assert.Equal("/usr/local/lib/python3.12/dist-packages/nvidia/cu13/lib/libcublas.so.13", new LibraryLocator(probe).Load(CudaLibrary.Cublas).From);
    }

    [Fact]
    public void AMissingLibraryNamesItselfEveryPlaceSearchedAndTheRemedy()
    {
        var probe = new FakeProbe { Variables = { ["VIRTUAL_ENV"] = "/venv" } }.With("/venv/lib/python3.11/site-packages/nvidia/cublas/lib/libcublas.so.12");
        var e = Assert.Throws<CudaLibraryNotFoundException>(() => new LibraryLocator(probe).Load(CudaLibrary.Cudnn));
        Assert.Equal(CudaLibrary.Cudnn, e.Library);
        Assert.Contains("libcudnn.so.9", e.Message);
        Assert.Contains("KNOBS_CUDA_LIB_DIR: not set", e.Message);
        Assert.Contains("the loader's search path", e.Message);
        Assert.Contains("/usr/local/cuda/lib64", e.Message);
        Assert.Contains("/usr/local/cuda/targets/x86_64-linux/lib", e.Message);
        Assert.Contains("/venv/lib/python3.11/site-packages/nvidia/cublas/lib", e.Message);
        Assert.Contains("cuDNN 9", e.Message);
        Assert.Contains("set KNOBS_CUDA_LIB_DIR", e.Message);
        Assert.True(e.Attempts.Count >= 5);
    }

    [Fact]
    public void AFileThatExistsButDoesNotLoadIsReportedWithTheLoadersError()
    {
        var probe = new FakeProbe();
        probe.Files.Add("/opt/cuda/libcuda.so.1");
        var e = Assert.Throws<CudaLibraryNotFoundException>(() => new LibraryLocator(probe, "/opt/cuda").Load(CudaLibrary.Driver));
        Assert.Contains("libcuda.so.1: exists but did not load (wrong ELF class: ELFCLASS32)", e.Message);
        Assert.Contains("NVIDIA driver", e.Message);
    }

    [Fact]
    public void AnEnvironmentFolderWithoutTheLibraryIsListedAndTheSearchGoesOn()
    {
        var probe = new FakeProbe();
        probe.Variables[LibraryLocator.DirectoryVariable] = "/empty";
        probe.LoaderNames.Add("libnvidia-ml.so.1");
        Assert.Equal("libnvidia-ml.so.1", new LibraryLocator(probe).Load(CudaLibrary.Nvml).From);
        Assert.Equal("/empty", new LibraryLocator(probe).Places().First().Folder);
    }

    [Fact]
    public void EveryLibraryHasFileNamesAnImportNameAndARemedy()
    {
        Assert.Equal(System.Enum.GetValues<CudaLibrary>().Length, CudaLibrarySpec.All.Count);
        foreach (CudaLibrarySpec spec in CudaLibrarySpec.All)
        {
            Assert.Equal(spec, CudaLibrarySpec.Of(spec.Library));
            Assert.NotEmpty(spec.FileNames);
            Assert.StartsWith("knobs-cuda-", spec.ImportName);
            Assert.False(string.IsNullOrWhiteSpace(spec.Remedy));
        }
    }
}
